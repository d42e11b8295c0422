# One INTERFACE target carries the warning policy; every first-party target
# links it privately, so third-party headers (included as SYSTEM) stay quiet.
add_library(breathline_warnings INTERFACE)
target_compile_options(breathline_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion
  -Wimplicit-fallthrough -Wno-unused-parameter)
