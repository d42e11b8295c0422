#version 330 core
// One colour per fill layer, read from the scene every frame (a colour
// change uploads nothing).

uniform vec4 u_colour;

out vec4 o_colour;

void main() { o_colour = u_colour; }
