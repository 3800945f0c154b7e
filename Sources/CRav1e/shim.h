#include <rav1e.h>
