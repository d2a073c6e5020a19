//! Questions about the network: `question` reads them ("who leads X?", "whom does X
//! support?", "who says X backs Y?", "X's profile", "X's timeline"), `verbs` holds the
//! words that ask for each predicate as data, and `answer` looks them up in the store:
//! edges strongest first, each with the claims behind it. `corrections` checks an
//! analyst's correction against the store before it is kept.

mod answer;
pub mod corrections;
mod question;
mod verbs;

pub use answer::{
    answer, ids_named, other_end, resolve, Answer, Answered, AskError, Filters, Role,
};
pub use question::{parse, Direction, Question, QuestionError};
pub use verbs::predicate_named;
