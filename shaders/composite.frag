#version 330 core
// The offscreen layer holds premultiplied colour, so scaling all four
// channels by the opacity and blending with (ONE, ONE_MINUS_SRC_ALPHA)
// gives the layer at that opacity without double-blending where its own
// lines overlap (round joins, casings).

uniform sampler2D u_image;
uniform float u_opacity;

in vec2 v_uv;
out vec4 o_colour;

void main() { o_colour = texture(u_image, v_uv) * u_opacity; }
