//go:build !windows

package main

// detachConsole is for Windows only (main_windows.go).
func detachConsole() {}
