//! Backup destinations.
//!
//! Backups are written to S3 (or an S3-compatible store such as MinIO). The
//! places a backup may go are registered as [`S3Source`]s with an
//! [`S3SourceResolver`], which callers ask for the source to use.
use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

pub mod executor;

/// A bucket and key prefix that backups can be written to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct S3Source {
    /// Stable identifier used by callers to pick this source.
    pub id: Uuid,
    /// Name of the bucket.
    pub bucket: String,
    /// Key prefix under which objects are stored; may be empty. A trailing
    /// `/` is optional.
    pub prefix: String,
    /// AWS region of the bucket, e.g. `eu-west-1`.
    pub region: String,
    /// Custom endpoint for S3-compatible stores; `None` means AWS.
    pub endpoint: Option<String>,
}

impl S3Source {
    /// Returns the full object key for `name` under this source's prefix.
    ///
    /// With prefix `nightly/` (or `nightly`), `object_key("db.tar")` is
    /// `nightly/db.tar`; with an empty prefix it is just `db.tar`.
    pub fn object_key(&self, name: &str) -> String {
        let prefix = self.prefix.trim_end_matches('/');
        if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}/{name}")
        }
    }
}

/// Formats the source as an S3 URL, e.g. `s3://deployd-backups/nightly`,
/// for logs and error messages.
impl fmt::Display for S3Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = self.prefix.trim_end_matches('/');
        if prefix.is_empty() {
            write!(f, "s3://{}", self.bucket)
        } else {
            write!(f, "s3://{}/{}", self.bucket, prefix)
        }
    }
}

/// Registry of the [`S3Source`]s known to this instance.
///
/// The first source registered becomes the default until
/// [`S3SourceResolver::set_default`] picks another one.
#[derive(Debug, Default)]
pub struct S3SourceResolver {
    sources: HashMap<Uuid, S3Source>,
    default_source: Option<Uuid>,
}

impl S3SourceResolver {
    /// Creates an empty resolver with no default source.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers `source`, replacing any source with the same id.
    ///
    /// If no default is set yet, `source` becomes the default.
    pub fn register(&mut self, source: S3Source) {
        if self.default_source.is_none() {
            self.default_source = Some(source.id);
        }
        self.sources.insert(source.id, source);
    }

    /// Makes the source with `id` the default.
    ///
    /// # Errors
    ///
    /// Returns [`AppError::SourceNotFound`] if no source with `id` has been
    /// registered; the current default is left unchanged.
    pub fn set_default(&mut self, id: Uuid) -> Result<(), AppError> {
        if !self.sources.contains_key(&id) {
            return Err(AppError::SourceNotFound(id));
        }
        self.default_source = Some(id);
        Ok(())
    }

    /// Resolves the source a backup should be written to.
    ///
    /// `Some(id)` selects that source; `None` selects the default source.
    /// The returned [`S3Source`] is a copy, so later registrations do not
    /// affect a backup that is already running.
    ///
    /// # Errors
    ///
    /// - [`AppError::NoDefaultSource`] if `id` is `None` and no source has
    ///   been registered.
    /// - [`AppError::SourceNotFound`] if no source with the given id exists.
    pub fn resolve<'a>(&'a self, id: Option<Uuid>) -> Result<S3Source, AppError> {
        let id = match id {
            Some(id) => id,
            None => self.default_source.ok_or(AppError::NoDefaultSource)?,
        };
        self.sources
            .get(&id)
            .cloned()
            .ok_or(AppError::SourceNotFound(id))
    }
}
