//! Driving wgpu's callbacks without blocking the caller: a one-shot channel
//! that a callback completes and an async task awaits, and, on native
//! platforms, one background thread per device that calls `Device::poll`
//! while some callback is awaited (wgpu runs map and work-done callbacks
//! only inside `poll` there; in a browser the event loop runs them, and no
//! thread is started). Nothing spins: the thread sleeps on a condition
//! variable while no callback is awaited, and inside `poll`'s wait while
//! the device works.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Waker};

/// The receiving half of a one-shot channel: a future of the value sent.
pub(crate) struct Receiver<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

/// The sending half; dropping it unsent completes the receiver with `None`.
pub(crate) struct Sender<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

struct Slot<T> {
    value: Option<T>,
    closed: bool,
    waker: Option<Waker>,
}

/// A one-shot channel for a callback's result.
fn oneshot<T>() -> (Sender<T>, Receiver<T>) {
    let slot = Arc::new(Mutex::new(Slot {
        value: None,
        closed: false,
        waker: None,
    }));
    (Sender { slot: slot.clone() }, Receiver { slot })
}

impl<T> Sender<T> {
    /// Completes the receiver with `value`.
    pub(crate) fn send(self, value: T) {
        let waker = {
            let mut s = self.slot.lock().unwrap_or_else(|e| e.into_inner());
            s.value = Some(value);
            s.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let waker = {
            let mut s = self.slot.lock().unwrap_or_else(|e| e.into_inner());
            s.closed = true;
            s.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

impl<T> Future for Receiver<T> {
    type Output = Option<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut s = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = s.value.take() {
            return Poll::Ready(Some(v));
        }
        if s.closed {
            return Poll::Ready(None);
        }
        s.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// How many callbacks a device's tasks await, and its polling thread.
#[derive(Default)]
pub(crate) struct Poller {
    shared: Arc<Shared>,
    /// The polling thread, joined when the device goes: a thread still
    /// inside the driver while the process exits can crash it (seen with
    /// lavapipe: 3 segfaults in 200 short runs before the join).
    thread: Mutex<Option<std::thread::JoinHandle<()>>>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    /// Signalled when the thread leaves `Device::poll`.
    left_poll: Condvar,
}

#[derive(Default)]
struct State {
    awaited: usize,
    started: bool,
    shutdown: bool,
    /// The thread is inside `Device::poll`.
    polling: bool,
}

impl Poller {
    fn start(&self, device: &wgpu::Device) {
        let mut st = self.shared.state.lock().unwrap_or_else(|e| e.into_inner());
        st.awaited += 1;
        // In a browser the event loop runs callbacks (and a wgpu::Device
        // cannot move to another thread there).
        #[cfg(target_arch = "wasm32")]
        let _ = device;
        #[cfg(not(target_arch = "wasm32"))]
        if !st.started {
            st.started = true;
            let shared = self.shared.clone();
            let device = device.clone();
            // Should the thread not start, the caller polls itself
            // (`Poller::running` is false).
            match std::thread::Builder::new()
                .name("ndgpu-poll".into())
                .spawn(move || shared.run(&device))
            {
                Ok(h) => {
                    if let Ok(mut slot) = self.thread.lock() {
                        *slot = Some(h);
                    }
                }
                Err(_) => st.started = false,
            }
        }
        drop(st);
        self.shared.wake.notify_one();
    }

    /// One more callback is awaited (call before registering it): the
    /// returned [`Callback`], moved into wgpu's callback, completes the
    /// returned receiver, and counts the callback arrived when it is used
    /// or dropped unrun.
    pub(crate) fn callback<T>(&self, device: &wgpu::Device) -> (Callback<T>, Receiver<T>) {
        self.start(device);
        let (tx, rx) = oneshot();
        let arrival = Arrival {
            shared: self.shared.clone(),
        };
        (Callback { tx, arrival }, rx)
    }

    /// Whether the polling thread runs (native platforms).
    pub(crate) fn running(&self) -> bool {
        self.shared
            .state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .started
    }

    /// Waits (at most `limit`) until the thread is out of the driver. The
    /// blocking read-backs call this before returning, so that a program
    /// that exits right after its last read (a doc test, a short tool)
    /// does not exit while the thread is still inside `Device::poll`
    /// finishing the poll that delivered it, which can crash the process
    /// on some drivers.
    pub(crate) fn settle(&self, limit: std::time::Duration) {
        let st = self.shared.state.lock().unwrap_or_else(|e| e.into_inner());
        let _ = self
            .shared
            .left_poll
            .wait_timeout_while(st, limit, |st| st.polling);
    }

    /// Callbacks awaited now (0 once every read-back, finished or
    /// abandoned, has had its callback).
    pub(crate) fn awaited(&self) -> usize {
        self.shared
            .state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .awaited
    }
}

/// What an awaited wgpu callback holds: the channel it completes and its
/// place in the count of awaited callbacks.
pub(crate) struct Callback<T> {
    tx: Sender<T>,
    arrival: Arrival,
}

impl<T> Callback<T> {
    /// The callback ran with `value`.
    pub(crate) fn complete(self, value: T) {
        drop(self.arrival);
        self.tx.send(value);
    }
}

/// An awaited callback; dropping it counts it arrived.
struct Arrival {
    shared: Arc<Shared>,
}

impl Drop for Arrival {
    fn drop(&mut self) {
        let mut st = self.shared.state.lock().unwrap_or_else(|e| e.into_inner());
        st.awaited = st.awaited.saturating_sub(1);
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        if let Ok(mut st) = self.shared.state.lock() {
            st.shutdown = true;
        }
        self.shared.wake.notify_all();
        let handle = self.thread.get_mut().ok().and_then(|h| h.take());
        if let Some(h) = handle
            && h.thread().id() != std::thread::current().id()
        {
            let _ = h.join();
        }
    }
}

impl Shared {
    #[cfg(not(target_arch = "wasm32"))]
    fn run(&self, device: &wgpu::Device) {
        loop {
            let before = {
                let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
                while st.awaited == 0 && !st.shutdown {
                    st = self.wake.wait(st).unwrap_or_else(|e| e.into_inner());
                }
                if st.shutdown {
                    return;
                }
                st.polling = true;
                st.awaited
            };
            // Waits for the submitted work, then runs the callbacks that
            // are due. A lost device answers at once, its pending callbacks
            // arriving on later polls; and a callback registered just after
            // a poll began arrives on the next. Where a poll brought no
            // callback, wait a little before the next rather than spin.
            let r = device.poll(wgpu::PollType::wait_indefinitely());
            let after = {
                let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
                st.polling = false;
                st.awaited
            };
            self.left_poll.notify_all();
            if r.is_err() || after >= before {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
        }
    }
}
