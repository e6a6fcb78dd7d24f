impl Pool {
    pub async fn flush(&self) -> Result<(), E> {
        let g = self.shared.lock().unwrap(;
        tokio::select! { v = rx.recv() => { g.push(v
        match self.m.lock() { Some(x) => [x, 
        let s = r#"never closed
/* nested /* comment
