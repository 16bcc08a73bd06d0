"""Official documents (公文, GB/T 9704-2012): their numbers (发文字号) and their .docx layout."""
