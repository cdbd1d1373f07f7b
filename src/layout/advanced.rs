//! NumPy's advanced (integer-array) indexing as pure layout math: which
//! axes the index arrays replace, where their broadcast axes land in the
//! result, and the strided walk a gather or scatter kernel runs. No index
//! values are needed here, only the shapes of the index arrays; the values
//! are applied by the kernels (or by [`IndexPlan::source_indices`], the CPU
//! reference).
//!
//! NumPy's rules, all reproduced:
//!
//! - Integer-array indices may appear on any axes, mixed with integers,
//!   slices, new axes and one ellipsis. The index arrays broadcast together
//!   to one shape `B` (a 0-d array broadcasts as a scalar; a 0-d array index
//!   is advanced, so the result is a copy even when `B` is `()`).
//! - Once any index array is present, plain integers count as advanced
//!   indices too (0-d ones): they drop their axis and take part in the
//!   placement rule below, but their values are folded into the offset.
//! - Placement: when the advanced indices are consecutive items of the
//!   index (nothing at all between them, not even a new axis or a
//!   zero-width ellipsis), `B`'s axes replace them in place; otherwise
//!   `B`'s axes come first, followed by every other axis in order
//!   (`x[0, :, [1, 2]]` of a (5, 6, 7) array has shape (2, 6)).

use smallvec::SmallVec;

use super::bounds::{check_shape, walk_reach};
use super::ops::broadcast_shapes;
use super::slice::SliceArg;
use super::{Dims, Layout, Strides, check_ndim};
use crate::error::{Error, Result};

/// One item of an index as the layout math sees it: a basic item, or an
/// integer index array of which only the shape matters here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexItem {
    /// An integer, a slice, a new axis or an ellipsis.
    Basic(SliceArg),
    /// An integer index array of this shape (`[]` for a 0-d array).
    Array(Dims),
}

/// One index array's part in a gather: the source axis it picks along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Which index array (counting only the array items, from 0).
    pub array: usize,
    /// The axis of the indexed array it applies to (the axis errors name).
    pub axis: usize,
    /// The length of that axis: valid values are `-len..len`.
    pub len: usize,
    /// The stride of that axis in the indexed (basic-sliced) view, in elements.
    pub stride: isize,
}

/// What a gather (`x[idx]`) or scatter (`x[idx] = v`) computes: for each
/// element of the result (shape [`IndexPlan::shape`]), the source element
/// `base(pos) + sum over terms of norm(idx_t[pos_S]) * stride_t`, where
/// `base` is the strided walk [`IndexPlan::base`], `pos_S` the position in
/// the index space `S` (the broadcast shape of the index arrays, whose
/// axes are the result's axes `space_at..space_at + S.len()`), and `norm`
/// maps a negative index `i` to `i + len`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexPlan {
    /// The result shape.
    pub shape: Dims,
    /// The walk of the source over the result shape with every indexed
    /// axis at position 0: zero strides on the index-space axes.
    pub base: Layout,
    /// The index space `S`: the broadcast shape of the index arrays.
    pub space: Dims,
    /// The first result axis of the index space.
    pub space_at: usize,
    /// One term per index array, in the order the arrays were given.
    pub terms: Vec<Term>,
}

impl Layout {
    /// NumPy's indexing `x[items]` with integer index arrays among the
    /// items (see the module documentation for the rules). With no array
    /// item this is basic indexing: the plan then has no terms, an empty
    /// index space and `base` is the view [`Layout::slice`] gives.
    ///
    /// Errors, in NumPy's order: the structure ([`Error::MultipleEllipsis`],
    /// [`Error::TooManyIndices`]), the index arrays' shapes
    /// the integers and slices ([`Error::IndexOutOfBounds`],
    /// [`Error::ZeroStep`]), the index arrays' shapes
    /// ([`Error::BroadcastShapes`] with the shapes broadcast so far and the
    /// one that does not fit), and the result's
    /// rank and size ([`Error::TooManyDims`], [`Error::TooBig`]); all name
    /// `op`.
    ///
    /// ```
    /// use ndgpu::layout::advanced::IndexItem;
    /// use ndgpu::{Layout, Order, SliceArg};
    ///
    /// let x = Layout::contiguous(&[5, 6, 7], Order::C).unwrap();
    /// let arr = |s: &[usize]| IndexItem::Array(s.into());
    /// // x[0, :, [1, 2]]: the integer and the array are separated -> (2, 6)
    /// let p = x
    ///     .advanced_index("index", &[IndexItem::Basic(SliceArg::Index(0)),
    ///         IndexItem::Basic(SliceArg::ALL), arr(&[2])])
    ///     .unwrap();
    /// assert_eq!(p.shape.as_slice(), &[2, 6]);
    /// // x[:, 0, [1, 2]]: adjacent -> (5, 2)
    /// let p = x
    ///     .advanced_index("index", &[IndexItem::Basic(SliceArg::ALL),
    ///         IndexItem::Basic(SliceArg::Index(0)), arr(&[2])])
    ///     .unwrap();
    /// assert_eq!(p.shape.as_slice(), &[5, 2]);
    /// ```
    pub fn advanced_index(&self, op: &'static str, items: &[IndexItem]) -> Result<IndexPlan> {
        let nd = self.ndim();
        // Structure first, as NumPy's prepare_index does.
        let mut ellipses = 0usize;
        let mut consumed = 0usize;
        for it in items {
            match it {
                IndexItem::Basic(SliceArg::Ellipsis) => {
                    ellipses += 1;
                    if ellipses > 1 {
                        return Err(Error::MultipleEllipsis { op });
                    }
                }
                IndexItem::Basic(SliceArg::NewAxis) => {}
                IndexItem::Basic(_) | IndexItem::Array(_) => consumed += 1,
            }
        }
        if consumed > nd {
            return Err(Error::TooManyIndices {
                op,
                ndim: nd,
                given: consumed,
            });
        }
        // The basic pass: every array becomes a whole axis `:`, so the
        // slice math (bounds, steps, overflow) is shared with `slice`.
        let basic: SmallVec<[SliceArg; 8]> = items
            .iter()
            .map(|it| match it {
                IndexItem::Basic(a) => *a,
                IndexItem::Array(_) => SliceArg::ALL,
            })
            .collect();
        let view = self.slice(&basic).map_err(|e| e.renamed(op))?;
        // The index arrays broadcast together.
        let mut space = Dims::new();
        let mut any_array = false;
        for it in items {
            if let IndexItem::Array(s) = it {
                check_ndim(op, s.len())?;
                space = broadcast_shapes(&space, s).map_err(|_| Error::BroadcastShapes {
                    op,
                    a: space.as_slice().into(),
                    b: s.as_slice().into(),
                })?;
                any_array = true;
            }
        }
        if !any_array {
            return Ok(IndexPlan {
                shape: view.shape.clone(),
                base: view,
                space,
                space_at: 0,
                terms: Vec::new(),
            });
        }
        // Walk the items: the view axes each one produced, the source
        // axis each one consumed, and which are advanced (arrays, and
        // integers once an array is present).
        let whole = nd - consumed; // axes an ellipsis stands for
        let mut kept: SmallVec<[(usize, isize); 8]> = SmallVec::new(); // (len, stride)
        let mut before = 0usize; // kept axes before the first advanced item
        let mut first_adv: Option<usize> = None;
        let mut last_adv = 0usize;
        let mut n_adv = 0usize;
        let mut terms = Vec::new();
        let (mut src_axis, mut view_axis) = (0usize, 0usize);
        for (k, it) in items.iter().enumerate() {
            let advanced = match it {
                IndexItem::Array(_) => {
                    terms.push(Term {
                        array: terms.len(),
                        axis: src_axis,
                        len: view.shape[view_axis],
                        stride: view.strides[view_axis],
                    });
                    src_axis += 1;
                    view_axis += 1;
                    true
                }
                IndexItem::Basic(SliceArg::Index(_)) => {
                    src_axis += 1;
                    true
                }
                IndexItem::Basic(SliceArg::Slice { .. }) => {
                    kept.push((view.shape[view_axis], view.strides[view_axis]));
                    src_axis += 1;
                    view_axis += 1;
                    false
                }
                IndexItem::Basic(SliceArg::NewAxis) => {
                    kept.push((view.shape[view_axis], view.strides[view_axis]));
                    view_axis += 1;
                    false
                }
                IndexItem::Basic(SliceArg::Ellipsis) => {
                    for a in view_axis..view_axis + whole {
                        kept.push((view.shape[a], view.strides[a]));
                    }
                    src_axis += whole;
                    view_axis += whole;
                    false
                }
            };
            if advanced {
                if first_adv.is_none() {
                    first_adv = Some(k);
                    before = kept.len();
                }
                last_adv = k;
                n_adv += 1;
            }
        }
        // Trailing axes not named by any item are taken whole.
        for a in view_axis..view.ndim() {
            kept.push((view.shape[a], view.strides[a]));
        }
        let first = first_adv.unwrap_or(0);
        let adjacent = last_adv + 1 - first == n_adv;
        let space_at = if adjacent { before } else { 0 };
        let out_nd = kept.len() + space.len();
        check_ndim(op, out_nd)?;
        let mut shape = Dims::with_capacity(out_nd);
        let mut strides = Strides::with_capacity(out_nd);
        for (j, &(len, stride)) in kept.iter().enumerate() {
            if j == space_at {
                shape.extend_from_slice(&space);
                strides.extend(std::iter::repeat_n(0, space.len()));
            }
            shape.push(len);
            strides.push(stride);
        }
        if space_at == kept.len() {
            shape.extend_from_slice(&space);
            strides.extend(std::iter::repeat_n(0, space.len()));
        }
        check_shape(op, &shape, 1)?;
        Ok(IndexPlan {
            base: Layout {
                shape: shape.clone(),
                strides,
                offset: view.offset,
            },
            shape,
            space,
            space_at,
            terms,
        })
    }

    /// NumPy's `take_along_axis(arr, indices, axis)` / `put_along_axis` as
    /// a plan: `indices` (of shape `index_shape`, the same rank as `self`)
    /// picks along `axis`, and every other axis pairs positions one to one
    /// (both broadcast). The result shape is the broadcast of
    /// `index_shape` with `self`'s shape whose `axis` is set to 1; the
    /// index space is the whole result.
    ///
    /// # Errors
    /// [`Error::AxisOutOfBounds`]; [`Error::InvalidArgument`] when the
    /// ranks differ (NumPy's "`indices` and `arr` must have the same number
    /// of dimensions"); [`Error::BroadcastShapes`].
    pub fn along_axis(
        &self,
        op: &'static str,
        index_shape: &[usize],
        axis: isize,
    ) -> Result<IndexPlan> {
        let nd = self.ndim();
        let axis = super::normalize_axis(op, axis, nd)?;
        if index_shape.len() != nd {
            return Err(Error::InvalidArgument {
                op,
                reason: format!(
                    "`indices` and `arr` must have the same number of dimensions \
                     ({} and {})",
                    index_shape.len(),
                    nd
                ),
            });
        }
        let mut grid: Dims = self.shape.clone();
        grid[axis] = 1;
        let shape = broadcast_shapes(index_shape, &grid).map_err(|_| Error::BroadcastShapes {
            op,
            a: index_shape.into(),
            b: grid.as_slice().into(),
        })?;
        check_shape(op, &shape, 1)?;
        let strides: Strides = (0..nd)
            .map(|k| {
                if k == axis || self.shape[k] != shape[k] {
                    0 // the indexed axis, or a length-1 axis of self broadcast
                } else {
                    self.strides[k]
                }
            })
            .collect();
        Ok(IndexPlan {
            base: Layout {
                shape: shape.clone(),
                strides,
                offset: self.offset,
            },
            space: shape.clone(),
            shape,
            space_at: 0,
            terms: vec![Term {
                array: 0,
                axis,
                len: self.shape[axis],
                stride: self.strides[axis],
            }],
        })
    }
}

impl IndexPlan {
    /// The number of result elements.
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// The number of positions of the index space.
    pub fn space_size(&self) -> usize {
        self.space.iter().product()
    }

    /// An index array's layout (over its own shape) broadcast to the index
    /// space.
    pub fn to_space(&self, op: &'static str, array: &Layout) -> Result<Layout> {
        array
            .broadcast_to(&self.space)
            .map_err(|_| Error::BroadcastShapes {
                op,
                a: array.shape().into(),
                b: self.space.as_slice().into(),
            })
    }

    /// A layout over the index space laid over the result shape: zero
    /// strides on the result axes outside the index space.
    pub fn embed(&self, over_space: &Layout) -> Layout {
        debug_assert_eq!(over_space.shape(), self.space.as_slice());
        let mut strides: Strides = SmallVec::from_elem(0, self.shape.len());
        strides[self.space_at..self.space_at + self.space.len()]
            .copy_from_slice(over_space.strides());
        Layout {
            shape: self.shape.clone(),
            strides,
            offset: over_space.offset,
        }
    }

    /// The lowest and highest source element (inclusive) any valid index
    /// can reach: the base walk's span widened by every term's axis.
    /// `None` when the result or an indexed axis is empty.
    pub fn source_span(&self) -> Option<(isize, isize)> {
        if self.shape.contains(&0) || self.terms.iter().any(|t| t.len == 0) {
            return None;
        }
        let axes = self
            .base
            .shape
            .iter()
            .copied()
            .zip(self.base.strides.iter().copied())
            .chain(self.terms.iter().map(|t| (t.len, t.stride)));
        let (lo, hi) = walk_reach(axes)?;
        let at = self.base.offset as i128;
        Some((
            isize::try_from(at + lo).ok()?,
            isize::try_from(at + hi).ok()?,
        ))
    }

    /// One index value checked against its term's axis: `-len..len` is
    /// valid, a negative value counts from the end; anything else is
    /// [`Error::IndexOutOfBounds`] naming `op`, the axis and the value.
    pub fn index_value(op: &'static str, term: &Term, value: i64) -> Result<usize> {
        let n = term.len as i128;
        let v = value as i128;
        if v < -n || v >= n {
            return Err(Error::IndexOutOfBounds {
                op,
                axis: term.axis,
                index: isize::try_from(value).unwrap_or(if value < 0 {
                    isize::MIN
                } else {
                    isize::MAX
                }),
                len: term.len,
            });
        }
        Ok(if v < 0 { v + n } else { v } as usize)
    }

    /// The CPU reference of a gather: the source element of every result
    /// element, in C order, given each index array's values in C order
    /// over its own shape (`arrays[t.array] = (shape, values)`). The first
    /// out-of-range value (array by array, each in C order) is an error
    /// naming `op`. As in NumPy, when the index space is empty only 0-d
    /// arrays are checked (NumPy takes them as integers); the values of
    /// the others are never used then.
    pub fn source_indices(
        &self,
        op: &'static str,
        arrays: &[(&[usize], &[i64])],
    ) -> Result<Vec<isize>> {
        // NumPy checks the arrays one after the other, each in its own C
        // order, before gathering anything; when the index space is empty
        // only the 0-d ones (NumPy takes those as integers).
        for t in &self.terms {
            let (shape, values) = arrays[t.array];
            if self.space_size() == 0 && !shape.is_empty() {
                continue;
            }
            for &v in values {
                Self::index_value(op, t, v)?;
            }
        }
        // Each array as a layout over the index space.
        let spaced: Vec<Layout> = arrays
            .iter()
            .map(|(shape, _)| {
                let l = Layout::contiguous(shape, super::Order::C)?;
                self.to_space(op, &l)
            })
            .collect::<Result<_>>()?;
        let n = self.size();
        let mut out = Vec::with_capacity(n);
        let nd = self.shape.len();
        let mut pos: SmallVec<[usize; 8]> = SmallVec::from_elem(0, nd);
        for _ in 0..n {
            let mut at = self.base.index_of(&pos) as i128;
            let sp = &pos[self.space_at..self.space_at + self.space.len()];
            for t in &self.terms {
                let l = &spaced[t.array];
                let v = arrays[t.array].1[l.index_of(sp) as usize];
                let i = Self::index_value(op, t, v)?;
                at += i as i128 * t.stride as i128;
            }
            out.push(at as isize);
            // odometer, last axis fastest
            for k in (0..nd).rev() {
                pos[k] += 1;
                if pos[k] < self.shape[k] {
                    break;
                }
                pos[k] = 0;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
#[path = "advanced_tests.rs"]
mod tests;
