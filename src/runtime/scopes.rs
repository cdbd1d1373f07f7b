//! Error capture: every wgpu call of an operation runs inside validation,
//! out-of-memory and internal error scopes, and what they catch becomes an
//! [`Error`] naming the operation.
//!
//! Where popping a scope answers at once (native wgpu), the operation
//! returns its error itself. In a browser the answer is a promise, and
//! recording an operation must not wait for it: there the popped scopes are
//! kept, and the next await point of the device (a read-back,
//! [`Device::synchronize_async`]) awaits them and returns the first error
//! caught, still naming its operation. Everything ndgpu can check on the
//! host (shapes, dtypes, indices, limits, features) is checked before any
//! wgpu call, so it is returned at once on every platform; only what the
//! device itself refuses is deferred. `DeviceOptions::deferred_errors`
//! selects the browser's behaviour on a native device, for tests.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

use super::device::Device;
use crate::error::{Error, Result};

/// The popped scopes of one operation, resolving to its error if any.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type Popped = Pin<Box<dyn Future<Output = Option<Error>> + Send>>;
#[cfg(target_arch = "wasm32")]
pub(crate) type Popped = Pin<Box<dyn Future<Output = Option<Error>>>>;

/// Errors of recorded operations not yet known or not yet reported: the
/// popped scopes in the order the operations ran, then the errors they
/// gave, each reported once.
#[derive(Default)]
pub(super) struct Deferred {
    state: Mutex<DeferredState>,
}

#[derive(Default)]
struct DeferredState {
    popped: VecDeque<Popped>,
    errors: VecDeque<Error>,
    /// Tasks waiting in [`Device::surface_errors`] other than the one whose
    /// waker the front scope holds; woken whenever a scope resolves.
    waiters: Vec<Waker>,
}

/// What the three scopes of an operation caught, as one error: a lost
/// device explains everything else, then running out of memory, then a
/// refused command, then an internal error.
fn classify(
    op: &'static str,
    bytes: u64,
    oom: Option<wgpu::Error>,
    validation: Option<wgpu::Error>,
    internal: Option<wgpu::Error>,
) -> Option<Error> {
    if oom.is_some() {
        return Some(Error::OutOfMemory { op, bytes });
    }
    if let Some(e) = validation {
        return Some(Error::Validation {
            op,
            message: e.to_string(),
        });
    }
    internal.map(|e| Error::Internal {
        op,
        message: e.to_string(),
    })
}

impl Device {
    /// Whether errors caught by scopes surface at the next await point
    /// (always in a browser) rather than from the operation itself.
    pub(crate) fn defers_errors(&self) -> bool {
        cfg!(target_arch = "wasm32") || self.inner.defer_errors
    }

    /// Runs `f` inside validation, out-of-memory and internal error scopes
    /// and turns what they catch into an [`Error`] naming `op`. `bytes` is the
    /// allocation size reported if memory runs out. Where errors are
    /// deferred (a browser), returns `Ok` at once and leaves the scopes'
    /// answer to the next await point (see the module documentation).
    pub(crate) fn scoped<R>(
        &self,
        op: &'static str,
        bytes: u64,
        f: impl FnOnce() -> R,
    ) -> Result<R> {
        self.check_lost()?;
        let d = &self.inner.device;
        let oom = d.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = d.push_error_scope(wgpu::ErrorFilter::Validation);
        let internal = d.push_error_scope(wgpu::ErrorFilter::Internal);
        let r = f();
        // Scopes pop in reverse order of their push; each pop starts now
        // (in a browser, `popErrorScope` is called here).
        let internal = internal.pop();
        let validation = validation.pop();
        let oom = oom.pop();
        let popped = async move {
            let internal = internal.await;
            let validation = validation.await;
            let oom = oom.await;
            classify(op, bytes, oom, validation, internal)
        };
        if self.defers_errors() {
            let mut st = self
                .inner
                .deferred
                .state
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            st.popped.push_back(Box::pin(popped));
            return Ok(r);
        }
        let caught = pollster::block_on(popped);
        // A lost device explains whatever else went wrong.
        self.check_lost()?;
        match caught {
            Some(e) => Err(e),
            None => Ok(r),
        }
    }

    /// Awaits the errors of operations recorded so far whose scopes had
    /// not answered yet, and returns the first one not reported before
    /// (each is reported once, by whichever await point comes first).
    /// Immediate where errors are not deferred. Dropping the future loses
    /// nothing: unresolved scopes stay for the next await point.
    pub(crate) async fn surface_errors(&self) -> Result<()> {
        if !self.defers_errors() {
            return Ok(());
        }
        std::future::poll_fn(|cx| self.poll_deferred(cx)).await?;
        self.check_lost()
    }

    fn poll_deferred(&self, cx: &mut Context<'_>) -> Poll<Result<()>> {
        let lock = || {
            self.inner
                .deferred
                .state
                .lock()
                .unwrap_or_else(|e| e.into_inner())
        };
        loop {
            // The front entry is polled outside the lock: a check may read
            // back from the device, and its read-back is an await point too.
            let Some(mut front) = lock().popped.pop_front() else {
                break;
            };
            let ready = front.as_mut().poll(cx);
            let mut st = lock();
            match ready {
                Poll::Ready(caught) => {
                    st.errors.extend(caught);
                    for w in st.waiters.drain(..) {
                        w.wake();
                    }
                }
                Poll::Pending => {
                    st.popped.push_front(front);
                    // The front entry keeps only the latest waker: the
                    // others wait here and are woken when it resolves.
                    if !st.waiters.iter().any(|w| w.will_wake(cx.waker())) {
                        st.waiters.push(cx.waker().clone());
                    }
                    return Poll::Pending;
                }
            }
        }
        match lock().errors.pop_front() {
            Some(e) => Poll::Ready(Err(e)),
            None => Poll::Ready(Ok(())),
        }
    }

    /// Where errors are deferred, queues a check that resolves to an
    /// operation's error (for instance one whose inputs are validated by
    /// reading a reduction of them back): it surfaces at the next await
    /// point with the errors the device caught, in recording order.
    pub(crate) fn defer_check(&self, check: Popped) {
        let mut st = self
            .inner
            .deferred
            .state
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        st.popped.push_back(check);
    }

    /// `e`, or the deferred error of an earlier operation that explains it
    /// (a read-back whose staging buffer could not be made fails to map).
    pub(super) async fn explained(&self, e: Error) -> Error {
        match self.surface_errors().await {
            Err(earlier) => earlier,
            Ok(()) => self.lost_or(e),
        }
    }
}
