//! `deployd`: the deployment daemon behind the internal platform.
//!
//! It talks to the external services a deployment depends on, ships backups
//! to S3 and runs background jobs.

pub mod backup;
pub mod entities;
pub mod error;
pub mod jobs;
pub mod services;

pub use error::AppError;
