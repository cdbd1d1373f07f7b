// Strided copy: operand 0 is read through any strides (negative, zero,
// offset), operand 1 is written through its own. Raw bits move, so float
// payloads survive. When both operands share one binding the caller has
// made sure their elements are disjoint (overlaps are staged first).

fn element(loc: Loc) {
    st1(loc.at.y, ld0(loc.at.x));
}
