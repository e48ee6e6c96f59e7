module example.com/dmrace

go 1.19
