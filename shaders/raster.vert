#version 330 core
// A raster layer as one textured quad over its bounds; no vertex buffer:
// the corner comes from gl_VertexID (triangle strip of 4).

uniform mat4 u_clip_from_layer;
uniform vec4 u_bounds; // min x, min y, max x, max y, metres relative to Scene::origin

out vec2 v_uv;

void main() {
    vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
    vec2 p = mix(u_bounds.xy, u_bounds.zw, corner);
    // Row 0 of the image is its northern edge: v = 0 at max y.
    v_uv = vec2(corner.x, 1.0 - corner.y);
    gl_Position = u_clip_from_layer * vec4(p, 0.0, 1.0);
}
