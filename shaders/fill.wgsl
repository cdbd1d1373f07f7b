// Writes one value (scalar slot 0, raw bits) into every element of a
// strided view (operand 0).

fn element(loc: Loc) {
    st0(loc.at.x, FILL_VALUE);
}
