use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct S3Source {
    pub id: Uuid,
    pub bucket: String,
    pub prefix: String,
    pub region: String,
    pub endpoint: Option<String>,
}

impl S3Source {
    pub fn object_key(&self, name: &str) -> String {
        let prefix = self.prefix.trim_end_matches('/');
        if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}/{name}")
        }
    }
}

#[derive(Debug, Default)]
pub struct S3SourceResolver {
    sources: HashMap<Uuid, S3Source>,
    default_source: Option<Uuid>,
}

impl S3SourceResolver {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn register(&mut self, source: S3Source) {
        if self.default_source.is_none() {
            self.default_source = Some(source.id);
        }
        self.sources.insert(source.id, source);
    }

    pub fn set_default(&mut self, id: Uuid) -> Result<(), AppError> {
        if !self.sources.contains_key(&id) {
            return Err(AppError::SourceNotFound(id));
        }
        self.default_source = Some(id);
        Ok(())
    }

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
