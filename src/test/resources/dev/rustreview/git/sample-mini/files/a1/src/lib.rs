pub mod error;
pub mod executor;
