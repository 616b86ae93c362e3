//! The project's one CSV writer lives in `partage-documents` so HQ shares it.

pub use partage_documents::csv::{neutralise, push_record};
