//! View operations that reorder, add, drop or stretch axes: transpose and
//! permutations, swapaxes, moveaxis, expand_dims, squeeze, flip, rot90,
//! broadcasting, and the axis merging that kernels use before launch.

use smallvec::SmallVec;

use super::{Dims, Layout, Strides, check_ndim, normalize_axis};
use crate::error::{Error, Result};

impl Layout {
    /// Reverses the axes (NumPy's `.T`).
    pub fn t(&self) -> Layout {
        Layout {
            shape: self.shape.iter().rev().copied().collect(),
            strides: self.strides.iter().rev().copied().collect(),
            offset: self.offset,
        }
    }

    /// Reorders the axes: axis `k` of the result is axis `axes[k]` of `self`.
    /// Negative entries count from the end, as in `np.transpose(a, axes)`.
    pub fn permute(&self, axes: &[isize]) -> Result<Layout> {
        let op = "transpose";
        let nd = self.ndim();
        if axes.len() != nd {
            return Err(Error::AxesMismatch {
                op,
                ndim: nd,
                given: axes.len(),
            });
        }
        let mut seen: SmallVec<[bool; 8]> = SmallVec::from_elem(false, nd);
        let mut shape = Dims::with_capacity(nd);
        let mut strides = Strides::with_capacity(nd);
        for &a in axes {
            let a = normalize_axis(op, a, nd)?;
            if seen[a] {
                return Err(Error::DuplicateAxis { op, axis: a });
            }
            seen[a] = true;
            shape.push(self.shape[a]);
            strides.push(self.strides[a]);
        }
        Ok(Layout {
            shape,
            strides,
            offset: self.offset,
        })
    }

    /// Exchanges two axes.
    pub fn swapaxes(&self, a: isize, b: isize) -> Result<Layout> {
        let nd = self.ndim();
        let a = normalize_axis("swapaxes", a, nd)?;
        let b = normalize_axis("swapaxes", b, nd)?;
        let mut out = self.clone();
        out.shape.swap(a, b);
        out.strides.swap(a, b);
        Ok(out)
    }

    /// Moves axis `source` to position `destination`, keeping the others in order.
    pub fn moveaxis(&self, source: isize, destination: isize) -> Result<Layout> {
        let nd = self.ndim();
        let s = normalize_axis("moveaxis", source, nd)?;
        let d = normalize_axis("moveaxis", destination, nd)?;
        let mut order: SmallVec<[isize; 8]> =
            (0..nd as isize).filter(|&k| k != s as isize).collect();
        order.insert(d, s as isize);
        self.permute(&order)
    }

    /// Inserts a length-1 axis at `axis` (which may be `-ndim-1..=ndim`).
    ///
    /// NumPy implements `expand_dims` as a reshape, and so does this: the new
    /// axis gets exactly the stride NumPy's no-copy reshape gives it.
    /// Inserting a length-1 axis never needs a copy.
    pub fn expand_dims(&self, axis: isize) -> Result<Layout> {
        let nd = self.ndim();
        check_ndim("expand_dims", nd + 1)?;
        let a = normalize_axis("expand_dims", axis, nd + 1)?;
        let mut shape: SmallVec<[isize; 8]> = self.shape.iter().map(|&n| n as isize).collect();
        shape.insert(a, 1);
        Ok(self
            .reshape_view(&shape, super::Order::C)?
            .expect("inserting a length-1 axis is always a view"))
    }

    /// Removes every length-1 axis (NumPy's `squeeze()` with no axis).
    pub fn squeeze_all(&self) -> Layout {
        let keep = |k: &usize| self.shape[*k] != 1;
        Layout {
            shape: (0..self.ndim())
                .filter(keep)
                .map(|k| self.shape[k])
                .collect(),
            strides: (0..self.ndim())
                .filter(keep)
                .map(|k| self.strides[k])
                .collect(),
            offset: self.offset,
        }
    }

    /// Removes the given axes, each of which must have length 1.
    pub fn squeeze(&self, axes: &[isize]) -> Result<Layout> {
        let op = "squeeze";
        let nd = self.ndim();
        let mut drop: SmallVec<[bool; 8]> = SmallVec::from_elem(false, nd);
        for &a in axes {
            let a = normalize_axis(op, a, nd)?;
            if drop[a] {
                return Err(Error::DuplicateAxis { op, axis: a });
            }
            if self.shape[a] != 1 {
                return Err(Error::CannotSqueeze {
                    op,
                    axis: a,
                    len: self.shape[a],
                });
            }
            drop[a] = true;
        }
        Ok(Layout {
            shape: (0..nd)
                .filter(|&k| !drop[k])
                .map(|k| self.shape[k])
                .collect(),
            strides: (0..nd)
                .filter(|&k| !drop[k])
                .map(|k| self.strides[k])
                .collect(),
            offset: self.offset,
        })
    }

    /// Reverses the order of elements along `axis` (`a[..., ::-1, ...]`).
    pub fn flip(&self, axis: isize) -> Result<Layout> {
        let a = normalize_axis("flip", axis, self.ndim())?;
        let mut out = self.clone();
        let len = self.shape[a];
        // NumPy turns an empty slice into start 0, step 1, so flipping a
        // length-0 axis changes neither the offset nor the stride.
        if len > 0 {
            // The new offset is the last index of the axis' walk and the
            // stride is not isize::MIN (invariants 3 and 4 of `bounds`), so
            // neither line can overflow, and the walk covers the same
            // indices as before.
            let moved = self.strides[a] * (len as isize - 1);
            out.offset = (self.offset as isize + moved) as usize;
            out.strides[a] = -self.strides[a];
        }
        Ok(out)
    }

    /// Reverses every axis (`np.flip(a)` with no axis).
    pub fn flip_all(&self) -> Layout {
        let mut out = self.clone();
        for a in 0..self.ndim() {
            out = out.flip(a as isize).expect("axis in range");
        }
        out
    }

    /// Rotates by 90 degrees `k` times in the plane of `axes`, from the
    /// first axis towards the second (NumPy's `np.rot90(m, k, axes)`, a
    /// view: flips and a transpose). `k` may be any integer (negative
    /// rotates the other way; only `k mod 4` matters).
    ///
    /// # Errors
    /// As NumPy: [`Error::InvalidArgument`] ("Axes must be different.")
    /// when the two axes are the same, or differ by exactly `ndim` (NumPy
    /// checks this before the range, so `axes = (0, 1)` of a 1-D layout
    /// lands here); [`Error::AxisOutOfBounds`] for an axis outside
    /// `-ndim..ndim`.
    pub fn rot90(&self, k: isize, axes: [isize; 2]) -> Result<Layout> {
        let op = "rot90";
        let nd = self.ndim();
        let [a0, a1] = axes;
        // As NumPy, in its order: `a0 - a1` cannot overflow for axes
        // that pass the range check, so compare in i128.
        if a0 == a1 || (a0 as i128 - a1 as i128).unsigned_abs() == nd as u128 {
            return Err(Error::InvalidArgument {
                op,
                reason: format!("Axes must be different. (axes ({a0}, {a1}) of ndim {nd})"),
            });
        }
        let a0 = normalize_axis(op, a0, nd)?;
        let a1 = normalize_axis(op, a1, nd)?;
        match k.rem_euclid(4) {
            0 => Ok(self.clone()),
            2 => self.flip(a0 as isize)?.flip(a1 as isize),
            k => {
                let mut perm: SmallVec<[isize; 8]> = (0..nd as isize).collect();
                perm.swap(a0, a1);
                if k == 1 {
                    self.flip(a1 as isize)?.permute(&perm)
                } else {
                    self.permute(&perm)?.flip(a1 as isize)
                }
            }
        }
    }

    /// Stretches the layout to `shape` by NumPy's broadcasting rule: axes are
    /// matched from the right; a length-1 axis (or a missing leading one) gets
    /// stride 0. The result repeats elements, so arrays mark it read-only.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Layout> {
        let op = "broadcast_to";
        check_ndim(op, shape.len())?;
        super::bounds::check_shape(op, shape, 1)?;
        let err = || Error::BroadcastTo {
            op,
            from: self.shape.as_slice().into(),
            to: shape.into(),
        };
        let nd = self.ndim();
        if shape.len() < nd {
            return Err(err());
        }
        let lead = shape.len() - nd;
        let mut strides: Strides = SmallVec::from_elem(0, shape.len());
        for k in 0..nd {
            let (have, want) = (self.shape[k], shape[lead + k]);
            strides[lead + k] = if have == want {
                self.strides[k]
            } else if have == 1 {
                0
            } else {
                return Err(err());
            };
        }
        // Axes keep their stride or get 0: the walk covers a subset of the
        // indices it covered, so the layout stays valid.
        Ok(Layout {
            shape: shape.into(),
            strides,
            offset: self.offset,
        })
    }

    /// Whether two or more indices of this layout address the same element
    /// because of a zero stride on an axis longer than 1 (the cheap, common
    /// case; the exact test is [`super::overlap::has_internal_overlap`]).
    pub fn has_zero_stride(&self) -> bool {
        self.shape
            .iter()
            .zip(&self.strides)
            .any(|(&n, &s)| n > 1 && s == 0)
    }
}

/// The shape two shapes broadcast to (NumPy's `np.broadcast_shapes`); each
/// may be an array, a slice or a `Vec`.
pub fn broadcast_shapes(a: impl AsRef<[usize]>, b: impl AsRef<[usize]>) -> Result<Dims> {
    let (a, b) = (a.as_ref(), b.as_ref());
    let op = "broadcast_shapes";
    let nd = a.len().max(b.len());
    let mut out: Dims = SmallVec::from_elem(0, nd);
    for k in 0..nd {
        let x = if k < nd - a.len() {
            1
        } else {
            a[k - (nd - a.len())]
        };
        let y = if k < nd - b.len() {
            1
        } else {
            b[k - (nd - b.len())]
        };
        out[k] = if x == y || y == 1 {
            x
        } else if x == 1 {
            y
        } else {
            return Err(Error::BroadcastShapes {
                op,
                a: a.into(),
                b: b.into(),
            });
        };
    }
    Ok(out)
}

/// Several layouts of one shape, reduced to the fewest axes that address the
/// same elements in the same logical order: length-1 axes are dropped and
/// neighbouring axes are merged where every operand steps across them as one
/// (`stride[k] == len[k+1] * stride[k+1]` for all). This is what PyTorch's
/// TensorIterator and CuPy's `_reduce_dims` do before a launch, so that most
/// kernels run 1-D or 2-D.
///
/// Returns the merged shape and, per operand, its merged strides. An empty
/// shape gives `([0], ..)`; a 0-d or all-ones shape gives rank 0.
pub fn coalesce(shape: &[usize], strides: &[&[isize]]) -> (Dims, Vec<Strides>) {
    if shape.contains(&0) {
        return (
            smallvec::smallvec![0],
            vec![smallvec::smallvec![0]; strides.len()],
        );
    }
    let mut out_shape = Dims::new();
    let mut out_strides: Vec<Strides> = vec![Strides::new(); strides.len()];
    for k in 0..shape.len() {
        let len = shape[k];
        if len == 1 {
            continue;
        }
        // Checked products: this takes any shape and strides, and a
        // product that does not fit simply does not merge.
        let merged_len = out_shape.last().and_then(|&m: &usize| m.checked_mul(len));
        let mergeable = merged_len.is_some()
            && strides.iter().zip(&out_strides).all(|(s, o)| {
                let last = *o.last().expect("same rank");
                isize::try_from(len)
                    .ok()
                    .and_then(|l| s[k].checked_mul(l))
                    .is_some_and(|p| p == last)
            });
        if let (true, Some(m)) = (mergeable, merged_len) {
            *out_shape.last_mut().expect("non-empty") = m;
            for (s, o) in strides.iter().zip(out_strides.iter_mut()) {
                *o.last_mut().expect("non-empty") = s[k];
            }
        } else {
            out_shape.push(len);
            for (s, o) in strides.iter().zip(out_strides.iter_mut()) {
                o.push(s[k]);
            }
        }
    }
    (out_shape, out_strides)
}

#[cfg(test)]
#[path = "ops_tests.rs"]
mod tests;
