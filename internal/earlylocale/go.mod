module early.pacta/locale

go 1.22
