//! topology (being written).
