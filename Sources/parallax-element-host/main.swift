// parallax-element-host: the stock element host. A supervisor spawns it (ElementHostProcess) with the control
// socket on descriptor 3; run by hand it only explains itself.
import Glibc
import Parallax
import ParallaxSandbox

ParallaxHost.runIfRequested()
let message = "parallax-element-host: not started by a Parallax supervisor (no control socket on descriptor 3)\n"
_ = message.withCString { write(2, $0, strlen($0)) }
exit(64)
