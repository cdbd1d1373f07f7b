// Helpers of the indexing kernels that check indices (src/kernels/indexing.rs).
//
// `errflag` is the device's error-flag buffer (runtime/index_errors.rs):
// word 0 is 0 while no error is reported; the first invocation to move it
// from 0 to 1 writes the operation's code (metadata word 2), the axis, the
// index as two words (low, high) and the axis length. The weak
// compare-exchange may fail spuriously, so it is retried while word 0 is
// still 0.

fn report(axis: u32, lo: u32, hi: u32, len: u32) {
    loop {
        let r = atomicCompareExchangeWeak(&errflag[0], 0u, 1u);
        if (r.exchanged) {
            atomicStore(&errflag[1], param(2u));
            atomicStore(&errflag[2], axis);
            atomicStore(&errflag[3], lo);
            atomicStore(&errflag[4], hi);
            atomicStore(&errflag[5], len);
            return;
        }
        if (r.old_value != 0u) {
            return;
        }
    }
}

