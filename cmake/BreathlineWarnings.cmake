# One INTERFACE target carries the warning policy; every first-party target
# links it privately, so third-party headers (included as SYSTEM) stay quiet.
add_library(breathline_warnings INTERFACE)
target_compile_options(breathline_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wdouble-promotion
  -Wimplicit-fallthrough -Wno-unused-parameter)
# GCC 12 at -O3 reports std::string concatenation and vector::resize inside
# libstdc++ as overlapping memcpy / null dereference (GCC bugs 105329, 105651):
# those two warnings are false positives there, so they must not fail Release builds.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(breathline_warnings INTERFACE -Wno-restrict)
endif()
