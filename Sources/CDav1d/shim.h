#include <dav1d/dav1d.h>
#include <errno.h>

/// dav1d's "try again" result, `DAV1D_ERR(EAGAIN)`, which the function-like macro hides from Swift.
static inline int cdav1d_eagain(void) { return DAV1D_ERR(EAGAIN); }
