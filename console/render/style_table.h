#pragma once
/// Style tables: a small RGBA32F texture with one column per style and one
/// row per property, read by the vertex shaders with texelFetch. Changing a
/// layer's styles re-uploads only this texture, never the geometry.

#include "console/map/scene.h"
#include "console/render/gl_handles.h"

#include <vector>

namespace breathline::render {

/// Rows: colour, casing colour, (width_px, casing_px, max_mpp, 0).
std::vector<float> line_style_table(const std::vector<map::LineStyle>& styles);
/// Rows: fill, outline, (size_px, shape as float, 0, 0).
std::vector<float> point_style_table(const std::vector<map::PointStyle>& styles);

/// Uploads `table` (rows x columns RGBA floats, row-major) into `texture`,
/// creating it when empty. At least one column is always allocated so the
/// sampler is complete. Precondition: a current GL context.
void upload_style_table(GlTexture& texture, const std::vector<float>& table, int columns, int rows);

/// Straight colour as 0-1 floats.
std::array<float, 4> to_float(map::Rgba c);

} // namespace breathline::render
