//! receiver (being written).
