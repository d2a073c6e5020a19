//! The ontology's fourteen predicates: what a claim says of its subject and object.

use std::fmt;

/// The ontology's fourteen predicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Predicate {
    /// Heads or commands it as its formal leader.
    Leads,
    /// Is a member, official, fighter, subunit or component of it.
    MemberOf,
    /// Directs or exercises control over it, or holds territory.
    Controls,
    /// Backs, sponsors, arms, funds, trains or advises it.
    Supports,
    /// Symmetric: alliance, partnership, working together.
    AlliedWith,
    /// Wages armed conflict against it.
    Fights,
    /// A violent act against a target.
    Attacks,
    /// Symmetric: meets, visits, talks with.
    Meets,
    /// Non-violent hostility: criticises, condemns, threatens.
    Opposes,
    /// Lists, sanctions or designates it.
    Designates,
    /// Is present, deployed or active in that place.
    OperatesIn,
    /// Names or installs a person in a post.
    Appoints,
    /// Created or formed the organisation.
    Founded,
    /// Left or broke away from it.
    SplitsFrom,
}

impl Predicate {
    /// Every predicate, in the ontology's order.
    pub const ALL: [Predicate; 14] = [
        Predicate::Leads,
        Predicate::MemberOf,
        Predicate::Controls,
        Predicate::Supports,
        Predicate::AlliedWith,
        Predicate::Fights,
        Predicate::Attacks,
        Predicate::Meets,
        Predicate::Opposes,
        Predicate::Designates,
        Predicate::OperatesIn,
        Predicate::Appoints,
        Predicate::Founded,
        Predicate::SplitsFrom,
    ];

    /// Every predicate's ontology name, in the order of [`Predicate::ALL`] (as the store,
    /// the scorer and the command line spell them).
    pub const NAMES: [&'static str; 14] = [
        "leads",
        "member_of",
        "controls",
        "supports",
        "allied_with",
        "fights",
        "attacks",
        "meets",
        "opposes",
        "designates",
        "operates_in",
        "appoints",
        "founded",
        "splits_from",
    ];

    /// The ontology's name (`leads`, `member_of` …).
    pub fn name(self) -> &'static str {
        Predicate::NAMES[self as usize]
    }

    /// The predicate with this name.
    pub fn from_name(name: &str) -> Option<Predicate> {
        Predicate::NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| Predicate::ALL[i])
    }

    /// Whether direction does not matter (`allied_with`, `meets`).
    pub fn is_symmetric(self) -> bool {
        matches!(self, Predicate::AlliedWith | Predicate::Meets)
    }
}

impl fmt::Display for Predicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_predicates_correspond() {
        for p in Predicate::ALL {
            assert_eq!(Predicate::from_name(p.name()), Some(p));
        }
        assert_eq!(Predicate::from_name("rules"), None);
    }
}
