#version 330 core
// Filled polygons, triangulated once when the layer was built.

layout(location = 0) in vec2 a_position; // metres relative to Scene::origin

uniform mat4 u_clip_from_layer;

void main() { gl_Position = u_clip_from_layer * vec4(a_position, 0.0, 1.0); }
