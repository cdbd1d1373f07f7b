// arange on the device: element k of a fresh contiguous buffer gets
// START + k * STEP, computed in the compute type CT as NumPy's fill loops
// do. A launch split into blocks passes each block's start (word 3), so
// k = block start + i.

fn element(loc: Loc) {
    let k = param(3u) + loc.i;
    st0(loc.at.x, START + CT(k) * STEP);
}
