#pragma once
/// The GLSL sources of shaders/, compiled into the binary at build time
/// (console/CMakeLists.txt runs data/demo/embed_text.cmake on each file), so
/// the program never looks for shader files at run time. One function per
/// file, named after it with '.' replaced by '_'.

#include <string_view>

namespace breathline::render::shaders {

std::string_view line_vert();
std::string_view line_frag();
std::string_view point_vert();
std::string_view point_frag();
std::string_view fill_vert();
std::string_view fill_frag();
std::string_view raster_vert();
std::string_view raster_frag();
std::string_view composite_vert();
std::string_view composite_frag();

} // namespace breathline::render::shaders
