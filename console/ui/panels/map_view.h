#pragma once
/// The map view: the scene drawn by the GPU map renderer into its own framebuffer, shown as an
/// ImGui image, with the overlay (labels, scale bar, north arrow, cursor lon/lat) on top.
/// Input: drag or arrow keys pan, the wheel zooms around the cursor, +/- zoom, Home fits the
/// ward, a click selects the feature under the cursor through map::Picker (or places the
/// facility being placed, or adds a vertex of the outage area being drawn, where a right click
/// undoes the last vertex and Esc cancels the drawing), hovering shows a tooltip. Mouse input is
/// taken only while the map image itself is hovered and keys only while the map window is focused
/// and ImGui does not want the keyboard (io.WantCaptureKeyboard / WantTextInput), so panels and map
/// never fight.
///
/// Thread safety: main thread, inside a frame, with the GL context current.

#include "console/map/labels.h"
#include "console/map/picking.h"
#include "console/render/framebuffer.h"
#include "console/render/map_renderer.h"
#include "console/ui/fonts.h"
#include "console/ui/panels/panel.h"
#include "geo/projection.h"

#include <imgui.h>
#include <optional>
#include <vector>

namespace breathline::ui {

/// What a click (not a drag) on the map at `world` means, given the feature `pick` under it:
/// a vertex of the outage being drawn, the place of the facility being placed, a selection,
/// or clearing the selection (a click on the ward's inside is a click on nothing). Pure, so
/// it is tested without a GL context.
Command map_click_command(const ViewModel& view, const geo::PlaneXY& world,
                          const std::optional<map::Pick>& pick);

/// How the map view draws besides the view model (projector mode, issue 8).
struct MapViewOptions {
    /// Symbol, line and label scale; nullopt: the UI scale of the settings.
    std::optional<float> scale;
    /// Whether the view handles arrow/+/-/Home keys itself (projector mode has its own keys).
    bool keys = true;
    /// Map background; nullopt: the renderer's default.
    std::optional<map::Rgba> background;
};

class MapView {
public:
    /// Draws the map into the current ImGui window's remaining content region and handles its
    /// input. Layers whose revision changed are re-uploaded and re-indexed for picking.
    void draw(const PanelContext& ctx, render::MapRenderer& renderer, const Fonts& fonts,
              ImFont* font, const geo::PlaneProjector* projector,
              const MapViewOptions& options = {});

    /// Bytes of GPU memory of the map (renderer buffers plus this view's framebuffer).
    std::size_t framebuffer_bytes() const;

private:
    void handle_input(const PanelContext& ctx, ImVec2 origin, ImVec2 size, float scale, bool keys);
    void draw_tooltip(const PanelContext& ctx, const map::Pick& pick) const;

    std::optional<render::Framebuffer> m_target;
    map::Picker m_picker;
    std::vector<map::PlacedLabel> m_labels;
    // What the cached labels were placed for: re-placed only when the view changes.
    struct LabelKey {
        double cx = 0, cy = 0, mpp = 0;
        int w = 0, h = 0;
        float scale = 0;
        std::uint64_t revisions = 0;
        std::size_t visible = 0;
        bool operator==(const LabelKey&) const = default;
    } m_label_key;
    bool m_dragged = false;
    std::optional<map::ScreenXY> m_cursor;
};

} // namespace breathline::ui
