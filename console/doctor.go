package console

import "github.com/gofiber/fiber/v2"

// doctorRoutes mounts this area's pages (its helper fills them in).
func (c *Console) doctorRoutes(r fiber.Router) {}
