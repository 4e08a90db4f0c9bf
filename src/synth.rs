//! Synthetic damaged pages with known truth (see tests).
