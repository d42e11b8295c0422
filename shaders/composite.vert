#version 330 core
// Full-viewport triangle (no vertex buffer) used to blend a layer drawn
// offscreen onto the map with the layer's opacity.

out vec2 v_uv;

void main() {
    vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
    v_uv = p;
    gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
