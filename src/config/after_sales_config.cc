#include "config/after_sales_config.h"

namespace kefu {}  // namespace kefu
