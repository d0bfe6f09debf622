//! stub
pub enum Format { Text }
pub fn detect_format() {}
pub fn read_input() {}
