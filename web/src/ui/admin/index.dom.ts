// The admin area: import each of its screen modules here; each registers its screens itself (see the README at the
// top of app/registry.dom.ts). Its strings are in ./strings.std.ts.
export {};
