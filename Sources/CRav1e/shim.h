#include <rav1e/rav1e.h>
