//! be
