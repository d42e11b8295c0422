#include "console/ui/imgui_session.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stdexcept>

namespace breathline::ui {

namespace {

// GLFW reports errors through a callback; the last one is kept so the
// exception thrown on failure says why (no display, no 3.3 context...).
std::string& last_glfw_error() {
    static std::string message;
    return message;
}

void on_glfw_error(int code, const char* description) {
    last_glfw_error() =
        "GLFW error " + std::to_string(code) + ": " + (description ? description : "");
}

} // namespace

ImguiSession::ImguiSession(const SessionOptions& options) {
    glfwSetErrorCallback(on_glfw_error);
    if (glfwInit() != GLFW_TRUE)
        throw std::runtime_error("cannot initialise GLFW (is there a display? without one run "
                                 "under xvfb-run): " +
                                 last_glfw_error());
    m_glfw = true;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
    m_window =
        glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
    if (m_window == nullptr) {
        const std::string why = last_glfw_error();
        shutdown();
        throw std::runtime_error("cannot open a window with OpenGL 3.3 core: " + why);
    }
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    m_imgui = true;
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::GetIO().LogFilename = nullptr;
    m_glfw_backend = ImGui_ImplGlfw_InitForOpenGL(m_window, options.install_callbacks);
    m_gl_backend = ImGui_ImplOpenGL3_Init("#version 330 core");
    if (!m_glfw_backend || !m_gl_backend) {
        shutdown();
        throw std::runtime_error("cannot initialise the ImGui GLFW/OpenGL3 backends");
    }
}

ImguiSession::~ImguiSession() {
    shutdown();
}

void ImguiSession::shutdown() {
    if (m_gl_backend) ImGui_ImplOpenGL3_Shutdown();
    if (m_glfw_backend) ImGui_ImplGlfw_Shutdown();
    if (m_imgui) ImGui::DestroyContext();
    if (m_window != nullptr) glfwDestroyWindow(m_window);
    if (m_glfw) glfwTerminate();
    m_gl_backend = m_glfw_backend = m_imgui = m_glfw = false;
    m_window = nullptr;
}

void ImguiSession::new_frame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
}

void ImguiSession::new_offscreen_frame(int width, int height) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
}

void ImguiSession::render() {
    ImGui::Render();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void ImguiSession::present() {
    glfwSwapBuffers(m_window);
}

void ImguiSession::reload_font_texture() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

} // namespace breathline::ui
