#version 330 core
// Thick lines as instanced segments: one instance per map::Segment (the
// instance buffer is the layer's Segment array, uploaded as is), four
// vertices per instance forming a quad that covers the segment plus half the
// line width and one pixel of anti-aliasing on every side. Widths are in
// pixels, so the quad is built in pixel space after the projection.

layout(location = 0) in vec2 a_corner;  // x: 0 = start, 1 = end; y: -1 / +1 side
layout(location = 1) in vec4 a_segment; // x0 y0 x1 y1, metres relative to Scene::origin
layout(location = 2) in uint a_style;   // column of the style table
layout(location = 3) in uint a_feature; // index into Layer::features

uniform mat4 u_clip_from_layer;
uniform vec2 u_viewport; // pixels
uniform float u_mpp;     // metres per pixel of the view
uniform float u_ui_scale;
// Style table, one column per LineStyle: row 0 colour, row 1 casing colour,
// row 2 (width_px, casing_px, max_mpp, unused). A style change re-uploads
// only this texture, never the segments.
uniform sampler2D u_styles;
uniform int u_pass;       // 0 selection glow, 1 casing, 2 line
uniform uint u_highlight; // feature index of the selection, 0xffffffff for none
uniform vec4 u_highlight_colour;

flat out vec2 v_p0;
flat out vec2 v_p1;
flat out float v_half_width;
flat out vec4 v_colour;
out vec2 v_pos;

vec2 to_pixels(vec2 p) {
    vec4 c = u_clip_from_layer * vec4(p, 0.0, 1.0);
    return c.xy * 0.5 * u_viewport;
}

void main() {
    int style = int(a_style);
    vec4 colour = texelFetch(u_styles, ivec2(style, 0), 0);
    vec4 casing = texelFetch(u_styles, ivec2(style, 1), 0);
    vec4 params = texelFetch(u_styles, ivec2(style, 2), 0);
    float half_width = 0.5 * params.x * u_ui_scale;
    bool hidden = u_mpp > params.z;
    if (u_pass == 0) {
        half_width += 4.0 * u_ui_scale;
        colour = u_highlight_colour;
        // The selection stays visible even where its class is culled.
        hidden = a_feature != u_highlight;
    } else if (u_pass == 1) {
        half_width += params.y * u_ui_scale;
        colour = casing;
        hidden = hidden || casing.a <= 0.0 || params.y <= 0.0;
    }
    // Lines thinner than a pixel are drawn one pixel wide and fainter, which
    // keeps them continuous instead of breaking into dots.
    if (half_width < 0.5) {
        colour.a *= half_width * 2.0;
        half_width = 0.5;
    }
    v_half_width = half_width;
    v_colour = colour;
    if (hidden) {
        // Outside the clip volume: the quad is discarded before rasterising.
        v_p0 = vec2(0.0);
        v_p1 = vec2(0.0);
        v_pos = vec2(0.0);
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        return;
    }
    vec2 p0 = to_pixels(a_segment.xy);
    vec2 p1 = to_pixels(a_segment.zw);
    vec2 d = p1 - p0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 normal = vec2(-dir.y, dir.x);
    float reach = half_width + 1.0;
    vec2 p = mix(p0, p1, a_corner.x) + dir * (a_corner.x * 2.0 - 1.0) * reach +
             normal * a_corner.y * reach;
    v_p0 = p0;
    v_p1 = p1;
    v_pos = p;
    gl_Position = vec4(p / (0.5 * u_viewport), 0.0, 1.0);
}
