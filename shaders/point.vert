#version 330 core
// Point symbols: one instance per map::PointFeature (the layer's array,
// uploaded as is), a screen-aligned quad of the symbol's size in pixels.

layout(location = 0) in vec2 a_corner;   // -1 / +1 in x and y
layout(location = 1) in vec2 a_position; // metres relative to Scene::origin
layout(location = 2) in uint a_style;    // column of the style table
layout(location = 3) in uint a_feature;  // index into Layer::features

uniform mat4 u_clip_from_layer;
uniform vec2 u_viewport; // pixels
uniform float u_ui_scale;
// Style table, one column per PointStyle: row 0 fill, row 1 outline,
// row 2 (size_px, shape, unused, unused).
uniform sampler2D u_styles;
uniform int u_pass;       // 0 selection ring, 1 symbols
uniform uint u_highlight; // feature index of the selection, 0xffffffff for none
uniform vec4 u_highlight_colour;

flat out vec4 v_fill;
flat out vec4 v_outline;
flat out float v_radius;
flat out float v_outline_width;
flat out int v_shape;
out vec2 v_local; // pixels from the symbol's centre, y up

const int shape_ring = 7;

void main() {
    int style = int(a_style);
    vec4 fill = texelFetch(u_styles, ivec2(style, 0), 0);
    vec4 outline = texelFetch(u_styles, ivec2(style, 1), 0);
    vec4 params = texelFetch(u_styles, ivec2(style, 2), 0);
    float radius = 0.5 * params.x * u_ui_scale;
    int shape = int(params.y + 0.5);
    // Thin outlines on small symbols, so a 9 px triangle keeps its fill colour.
    float outline_width = min(1.5 * u_ui_scale, 0.2 * radius);
    bool hidden = false;
    if (u_pass == 0) {
        hidden = a_feature != u_highlight;
        radius += 6.0 * u_ui_scale;
        shape = shape_ring;
        fill = u_highlight_colour;
        outline = vec4(0.1, 0.1, 0.1, 1.0);
        outline_width = 0.0;
    }
    v_fill = fill;
    v_outline = outline;
    v_radius = radius;
    v_outline_width = shape == shape_ring && u_pass == 1 ? 0.0 : outline_width;
    v_shape = shape;
    float extent = radius * 1.15 + 1.0;
    v_local = a_corner * extent;
    if (hidden) {
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        return;
    }
    vec4 c = u_clip_from_layer * vec4(a_position, 0.0, 1.0);
    vec2 centre = c.xy * 0.5 * u_viewport;
    gl_Position = vec4((centre + v_local) / (0.5 * u_viewport), 0.0, 1.0);
}
