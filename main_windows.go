//go:build windows

package main

import (
	"syscall"
	"unsafe"
)

// detachConsole lets go of the console window Windows opens for Pacta.exe when it was
// started from Explorer (the console then holds this process alone): the window needs none.
// Pacta.exe is a console program so that its commands print in a Command Prompt.
func detachConsole() {
	k := syscall.NewLazyDLL("kernel32.dll")
	var ids [2]uint32
	n, _, _ := k.NewProc("GetConsoleProcessList").Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	if n == 1 {
		k.NewProc("FreeConsole").Call()
	}
}
