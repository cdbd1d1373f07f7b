//! The compact copy of a view: the elements a strided view touches, packed
//! in ascending memory order, and the layout that reads the packed
//! elements as the view. This is how a host view (a memory-mapped file, an
//! `ndarray` view) moves to the device uploading only what it touches: a
//! stepped view's rows or elements, not the memory between them, in as few
//! block copies (runs) as its strides allow. The same walk writes a device
//! array back into a host view.
//!
//! The packed copy keeps the view's memory order (NumPy's order 'K') and
//! the direction of each axis: a transposed view packs as an F-contiguous
//! array, a reversed one as a negative-stride view of its packed elements,
//! a zero-stride (broadcast) axis stays zero-stride and is packed once.

use smallvec::SmallVec;

use super::{Layout, Strides};
use crate::error::Result;

/// The packed copy of a view (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compact {
    /// Reads the packed elements as the view: the view's shape, each axis
    /// with the direction of the view's stride, zero strides kept.
    pub layout: Layout,
    /// Packed elements: the view's size without its zero-stride axes.
    pub count: usize,
    /// Elements per run: the contiguous block each step of the walk copies.
    pub run: usize,
    /// First element of the walk (the view's lowest address), in elements.
    start: usize,
    /// The walk's axes above the run, outermost first: (length, stride),
    /// strides positive.
    axes: SmallVec<[(usize, usize); 8]>,
    /// Every axis of the view in walk order (outermost first), then the
    /// axes the walk skips (length 1 or stride 0).
    perm: SmallVec<[usize; 8]>,
    /// The axes whose stride is negative (walked backwards in logical
    /// order, forwards in memory).
    flipped: SmallVec<[usize; 8]>,
}

impl Compact {
    /// The packed copy of `l`.
    ///
    /// # Errors
    /// As [`Layout::new`] for the packed layout (it cannot exceed the
    /// view's own size, so in practice none).
    pub fn new(l: &Layout) -> Result<Compact> {
        let n = l.ndim();
        if l.is_empty() {
            return Ok(Compact {
                layout: Layout::contiguous(&l.shape, super::Order::C)?,
                count: 0,
                run: 0,
                start: 0,
                axes: SmallVec::new(),
                perm: (0..n).collect(),
                flipped: SmallVec::new(),
            });
        }
        // The walk's axes by decreasing |stride| (stable: ties keep order).
        let mut walk: SmallVec<[usize; 8]> = (0..n)
            .filter(|&k| l.shape[k] > 1 && l.strides[k] != 0)
            .collect();
        walk.sort_by_key(|&k| std::cmp::Reverse(l.strides[k].unsigned_abs()));
        let flipped: SmallVec<[usize; 8]> =
            walk.iter().copied().filter(|&k| l.strides[k] < 0).collect();
        // Lowest address: every negative axis at its last index. The layout
        // keeps every reachable index inside 0..=isize::MAX, so this holds.
        let start = flipped.iter().fold(l.offset as isize, |s, &k| {
            s + (l.shape[k] as isize - 1) * l.strides[k]
        }) as usize;

        // Packed strides: innermost walk axis is 1, each outer one the
        // product of the lengths inside it; the sign of the view's stride.
        let mut strides: Strides = SmallVec::from_elem(0, n);
        let mut acc: usize = 1;
        let mut offset: usize = 0;
        for &k in walk.iter().rev() {
            let len = l.shape[k];
            strides[k] = if l.strides[k] < 0 {
                offset += (len - 1) * acc;
                -(acc as isize)
            } else {
                acc as isize
            };
            acc *= len;
        }
        // Length-1 axes step as if they were longer (as NumPy's contiguous
        // strides do); zero-stride axes stay zero.
        for k in 0..n {
            if l.shape[k] == 1 {
                strides[k] = acc as isize;
            }
        }
        let count = acc;
        let layout = Layout::new(&l.shape, &strides, offset)?;

        // The host walk: merge inner axes into one contiguous run.
        let mut axes: SmallVec<[(usize, usize); 8]> = walk
            .iter()
            .map(|&k| (l.shape[k], l.strides[k].unsigned_abs()))
            .collect();
        let mut run = 1usize;
        while let Some(&(len, stride)) = axes.last() {
            if stride != run {
                break;
            }
            run *= len;
            axes.pop();
        }
        let mut perm = walk.clone();
        perm.extend((0..n).filter(|k| !walk.contains(k)));
        Ok(Compact {
            layout,
            count,
            run,
            start,
            axes,
            perm,
            flipped,
        })
    }

    /// The runs of the walk, in packed order: (first element, in elements
    /// from the view's buffer start; length in elements). Empty for an
    /// empty view.
    pub fn runs(&self) -> Runs<'_> {
        Runs {
            c: self,
            idx: SmallVec::from_elem(0, self.axes.len()),
            done: self.count == 0,
        }
    }

    /// Number of runs.
    pub fn run_count(&self) -> usize {
        self.count.checked_div(self.run).unwrap_or(0)
    }

    /// The view's axes in walk order (outermost first), then the axes the
    /// walk skips: a device array of the view's shape, permuted by this
    /// and reversed along [`Compact::flipped`], reads in C order exactly as
    /// the runs lie in packed order.
    pub fn perm(&self) -> &[usize] {
        &self.perm
    }

    /// The axes walked backwards in logical order (negative strides).
    pub fn flipped(&self) -> &[usize] {
        &self.flipped
    }
}

/// Iterator over a [`Compact`]'s runs.
pub struct Runs<'a> {
    c: &'a Compact,
    idx: SmallVec<[usize; 8]>,
    done: bool,
}

impl Iterator for Runs<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.done {
            return None;
        }
        let at = self
            .idx
            .iter()
            .zip(&self.c.axes)
            .fold(self.c.start, |s, (&i, &(_, stride))| s + i * stride);
        // Odometer over the axes above the run, innermost fastest.
        self.done = true;
        for (i, &(len, _)) in self.idx.iter_mut().zip(&self.c.axes).rev() {
            *i += 1;
            if *i < len {
                self.done = false;
                break;
            }
            *i = 0;
        }
        Some((at, self.c.run))
    }
}
