// Element-wise map: every output element (the last operand) is EXPR of the
// input elements at the same position, loaded in their compute types as
// x0, x1, ... (an input may also be a scalar from the metadata). Broadcast
// inputs simply have zero strides; the launcher has merged and reordered
// the axes so that the output is walked in order.

fn element(loc: Loc) {
    LOADS
    STORE;
}
