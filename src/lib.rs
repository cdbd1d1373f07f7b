//! ndgpu: n-dimensional arrays on the GPU with NumPy's copy/view semantics.

pub mod error;
pub mod layout;

pub use error::{Error, Result};
pub use layout::slice::{Ellipsis, NewAxis, SliceArg};
pub use layout::{Layout, Order};
