package buildfail

func Count(items []string) int {
	total := "0"
	for range items {
		total++
	}
	return total
}
