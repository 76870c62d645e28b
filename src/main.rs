fn main() {
    relais_app::run();
}
