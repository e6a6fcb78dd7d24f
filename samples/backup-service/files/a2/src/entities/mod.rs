//! SeaORM entities for the control-plane database.
//!
//! Each module mirrors one table from `migrations/`.

pub mod service_member;

pub use service_member::Entity as ServiceMember;
