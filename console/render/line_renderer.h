#pragma once
/// Thick anti-aliased lines with round joins and caps: each segment is one
/// instance of a 4-vertex quad (shaders/line.*), drawn in up to three passes
/// (selection glow, casings, lines).
///
/// At upload the segments are sorted once into a grid of spatial tiles and,
/// inside a tile, by style. A frame then draws only the ranges of tiles
/// that intersect the view and of styles shown at the current zoom (and,
/// for the casing pass, only styles that have a casing): the GPU never sees
/// the segments of a distant part of the city, and the CPU cost of a frame
/// is proportional to the number of ranges (at most a few hundred per
/// layer), not to the number of segments.

#include "console/map/scene.h"
#include "console/render/frame_params.h"
#include "console/render/gl_handles.h"

#include <array>
#include <vector>

namespace breathline::render {

/// A run of segments of one style inside one tile, in the sorted buffer.
struct SegmentRange {
    std::uint32_t tile, style, begin, count;
};

/// One layer's lines on the GPU.
struct LineBuffers {
    GlVertexArray vao;
    GlBuffer instances;
    GlTexture styles;
    GLsizei count = 0;
    std::vector<SegmentRange> ranges;              ///< sorted by tile, then style
    std::vector<std::array<float, 4>> tile_bounds; ///< per tile: min x, min y, max x, max y
    /// Per style, copied from the LineStyles: hidden beyond max_mpp; has a
    /// casing; how far (px) its widest pass reaches from the centre line.
    struct StyleInfo {
        float max_mpp = 1e9f;
        bool casing = false;
        float reach_px = 1.0f;
    };
    std::vector<StyleInfo> style_info;
    std::size_t bytes = 0;
};

class LineRenderer {
public:
    /// Compiles the line program and creates the shared quad. Precondition:
    /// a current GL 3.3 core context (also for every other member).
    LineRenderer();

    /// Sorts the segments into tiles and uploads them (replacing any
    /// previous ones). O(n) CPU, once per geometry change.
    void upload_geometry(LineBuffers& buffers, const map::LineLayer& lines) const;
    /// Uploads the style table only.
    void upload_styles(LineBuffers& buffers, const std::vector<map::LineStyle>& styles) const;
    /// Draws glow (when frame.highlight is set), casings, then lines, for
    /// the tiles intersecting `view` (layer coordinates: min x, min y,
    /// max x, max y, metres relative to Scene::origin).
    void draw(const LineBuffers& buffers, const FrameParams& frame,
              const std::array<float, 4>& view) const;

private:
    GlProgram m_program;
    GlBuffer m_corners;
    GLint m_clip = -1, m_viewport = -1, m_mpp = -1, m_ui_scale = -1, m_styles = -1, m_pass = -1,
          m_highlight = -1, m_highlight_colour = -1;
};

/// The segments sorted by (tile, style) with their ranges and tile bounds:
/// the CPU half of upload_geometry, separate so it is testable without GL.
struct TiledSegments {
    std::vector<map::Segment> segments;
    std::vector<SegmentRange> ranges;
    std::vector<std::array<float, 4>> tile_bounds;
};
/// About `target_per_tile` segments per tile, at most 32 x 32 tiles.
TiledSegments tile_segments(const std::vector<map::Segment>& segments,
                            std::size_t target_per_tile = 4096);

} // namespace breathline::render
