// Helpers of the indexing kernels that check indices (src/kernels/indexing.rs).
//
// `errflag` is the device's error-flag buffer (runtime/index_errors.rs):
// word 0 counts the reports since the host last cleared it; the invocation
// that moves it from 0 to 1 (the first report) writes the operation's code
// (metadata word 2), the axis, the index as two words (low, high) and the
// axis length. No loop: a ticket from `atomicAdd` decides the winner (a
// compare-exchange would need a retry loop for its spurious failures, and
// lavapipe runs a kernel that merely contains a loop markedly slower).

fn report(axis: u32, lo: u32, hi: u32, len: u32) {
    if (atomicAdd(&errflag[0], 1u) == 0u) {
        atomicStore(&errflag[1], param(2u));
        atomicStore(&errflag[2], axis);
        atomicStore(&errflag[3], lo);
        atomicStore(&errflag[4], hi);
        atomicStore(&errflag[5], len);
    }
}

