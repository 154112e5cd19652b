// A TCP connection to a test server on loopback for tests that speak raw
// HTTP (api_edge_test.cc, api_transport_test.cc): no delay, and a receive
// timeout so that a server that never answers fails the test, not hangs it.
#pragma once

#include <cstdint>

namespace kefu::testing {

// The connected socket (close it with close()); a failed connect is a test
// failure (EXPECT) and the descriptor is still returned.
int ConnectLoopback(uint16_t port, int receive_timeout_seconds);

}  // namespace kefu::testing
