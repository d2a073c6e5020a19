//! Questions about the network: `question` reads them ("who leads X?", "whom does X
//! support?", "who says X backs Y?", "X's profile", "X's timeline"), `verbs` holds the
//! words that ask for each predicate as data.

mod question;
mod verbs;

pub use question::{parse, Direction, Question, QuestionError};
pub use verbs::{predicate_named, PREDICATES};
